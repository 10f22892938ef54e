# Machines from a hash of settings, iterated with |name, opts|.
machines = {
  "web" => { ip: "10.10.0.11", memory: 1024, cpus: 2 },
  "db"  => { ip: "10.10.0.12", memory: 2048, cpus: 2 },
  "lb"  => { ip: "10.10.0.10", memory: 512,  cpus: 1 },
}

Vagrant.configure(2) do |config|
  config.vm.box = "generic/debian12"

  machines.each do |name, opts|
    config.vm.define name do |node|
      node.vm.hostname = "#{name}.example.test"
      node.vm.network :private_network, :ip => opts[:ip]
      node.vm.provider :libvirt do |domain|
        domain.memory = opts[:memory]
        domain.cpus = opts[:cpus]
        domain.nested = true if name == "web"
      end
    end
  end
end
