# Two spines, three leaves, every leaf wired to every spine with a UDP tunnel.
spines = 2
leaves = 3
base_port = 20000

Vagrant.configure("2") do |config|
  config.vm.box = "generic/debian12"
  config.vm.synced_folder ".", "/vagrant", disabled: true

  (1..spines).each do |s|
    config.vm.define "spine#{s}" do |node|
      node.vm.hostname = "spine#{s}"
      (1..leaves).each do |l|
        port = base_port + s * 100 + l
        node.vm.network :private_network,
          libvirt__tunnel_type: "udp",
          libvirt__tunnel_local_ip: "127.1.#{s}.#{l}",
          libvirt__tunnel_local_port: port,
          libvirt__tunnel_ip: "127.2.#{l}.#{s}",
          libvirt__tunnel_port: port + 10000,
          auto_config: false
      end
    end
  end

  (1..leaves).each do |l|
    config.vm.define "leaf#{l}" do |node|
      node.vm.hostname = "leaf#{l}"
      (1..spines).each do |s|
        port = base_port + s * 100 + l
        node.vm.network :private_network,
          libvirt__tunnel_type: "udp",
          libvirt__tunnel_local_ip: "127.2.#{l}.#{s}",
          libvirt__tunnel_local_port: port + 10000,
          libvirt__tunnel_ip: "127.1.#{s}.#{l}",
          libvirt__tunnel_port: port,
          auto_config: false
      end
      node.vm.provider :libvirt do |lv|
        lv.memory = 256
      end
    end
  end
end
