# A list of nodes, some with a forwarded port.
nodes = [
  { :hostname => "app1", :ip => "192.168.121.21", :port => 8081 },
  { :hostname => "app2", :ip => "192.168.121.22", :port => 8082 },
  { :hostname => "worker", :ip => "192.168.121.30" },
]

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
  config.vm.synced_folder ".", "/vagrant", disabled: true

  nodes.each_with_index do |node, index|
    config.vm.define node[:hostname], autostart: index < 2 do |machine|
      machine.vm.hostname = node[:hostname]
      machine.vm.network "private_network", ip: node[:ip]
      unless node[:port].nil?
        machine.vm.network "forwarded_port", guest: 80, host: node[:port], host_ip: "127.0.0.1"
      end
    end
  end
end
